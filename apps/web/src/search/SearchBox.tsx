/** The dashboard's way into a search of all accounts: it opens the search page with the words typed. */
import { type FormEvent, useId, useState } from 'react';
import { navigate, paths } from '../app/router.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from '../ui/Button.tsx';
import { SearchIcon } from '../ui/icons.tsx';

export function SearchBox() {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(paths.search({ q: text, from: '', to: '' }));
  };
  return (
    <search className="mt-6">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor={id} className="text-sm font-medium text-slate-800">
            {t('search.box')}
          </label>
          <div className="relative mt-1">
            <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500" />
            <input
              id={id}
              type="search"
              value={text}
              maxLength={200}
              placeholder={t('tx.searchPlaceholder')}
              onChange={(event) => setText(event.currentTarget.value)}
              className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white py-2 pr-3 pl-9 text-slate-900 placeholder:text-slate-500"
            />
          </div>
        </div>
        <Button type="submit" variant="secondary">
          {t('search.submit')}
        </Button>
      </form>
    </search>
  );
}
