/**
 * A plate drawn like the real thing: blue for ordinary cars, green for new-energy ones (the 8-character
 * plates since 2017).
 */
export const PlateBadge = ({ plate }: { plate: string }) => (
  <span className={`plate-badge${plate.length === 8 ? ' plate-badge-ne' : ''}`} data-testid="plate">
    {plate}
  </span>
);
