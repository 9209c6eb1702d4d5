/** The person's choice of light or dark, or the device's: remembered on this device only. */
import { useId } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { type ThemePreference, useTheme } from './theme.tsx';

const CHOICES: readonly ThemePreference[] = ['system', 'light', 'dark'];

export function ThemePicker() {
  const { t } = useI18n();
  const { preference, setPreference } = useTheme();
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-semibold text-slate-700">
        {t('theme.label')}
      </label>
      <select
        id={id}
        value={preference}
        onChange={(event) => setPreference(event.currentTarget.value as ThemePreference)}
        className="min-h-11 rounded-lg border border-slate-300 bg-white px-2 text-sm text-slate-900"
      >
        {CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {t(`theme.${choice}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
