import { Select } from 'antd';

// Every quarter hour of the day, in 24-hour form as Chinese dealerships write opening hours.
const quarterHours = Array.from({ length: 96 }, (_, i) => {
  const hh = String(Math.floor(i / 4)).padStart(2, '0');
  const mm = String((i % 4) * 15).padStart(2, '0');
  return { value: `${hh}:${mm}`, label: `${hh}:${mm}` };
});

type Props = { value?: string; onChange?: (value: string) => void; 'aria-label'?: string; 'data-testid'?: string };

/**
 * A 24-hour HH:MM chooser. Native time inputs follow the browser's locale (AM/PM on many machines);
 * this one reads the same everywhere. A saved value off the quarter-hour grid still shows as it is.
 */
export const TimeSelect = ({ value, onChange, ...rest }: Props) => (
  <Select
    showSearch
    value={value || undefined}
    onChange={onChange}
    options={quarterHours}
    placeholder="--:--"
    style={{ width: 96 }}
    {...rest}
  />
);
