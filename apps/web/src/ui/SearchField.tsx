/** The labelled search input with its magnifier, as the dashboard's search box and the transactions table use it. */
import { useId } from 'react';
import { SearchIcon } from './icons.tsx';

/** The longest search the server takes (and the address keeps). */
const SEARCH_MAX_LENGTH = 200;

export function SearchField({
  label,
  placeholder,
  value,
  onChange,
  className,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="relative mt-1">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500" />
        <input
          id={id}
          type="search"
          value={value}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder={placeholder}
          onChange={(event) => onChange(event.currentTarget.value)}
          className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white py-2 pr-3 pl-9 text-slate-900 placeholder:text-slate-500"
        />
      </div>
    </div>
  );
}
