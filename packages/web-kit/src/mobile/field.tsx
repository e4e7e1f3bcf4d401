import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import './field.css';

type Props = {
  id: string;
  label: string;
  error?: string | undefined;
  extra?: ReactNode;
  ref?: Ref<HTMLInputElement>;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

/**
 * A labelled form row around a native <input>: antd-mobile's Input puts data-* attributes on its
 * wrapper, and tests (and password managers) want them on the input itself.
 */
export const Field = ({ id, label, error, extra, className, ref, ...input }: Props) => (
  <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
    <div className="field-row">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} ref={ref} className="field-input" aria-invalid={error ? true : undefined} {...input} />
      {extra ? <div className="field-extra">{extra}</div> : null}
    </div>
    {error ? (
      <div className="field-message" role="alert">
        {error}
      </div>
    ) : null}
  </div>
);
