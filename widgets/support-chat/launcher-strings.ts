/**
 * The launcher's few words in every language, in the tiny entry itself (the panel's strings
 * load with the panel): its accessible name, with the unread count when there is one.
 */
import { type Language, languageOf } from '../core/localize.js';

const LAUNCHER: Record<Language, { label: string; unread: (n: number) => string }> = {
  en: { label: 'Chat with support', unread: (n) => `${n} unread` },
  hi: { label: 'सहायता से चैट करें', unread: (n) => `${n} अपठित` },
  ar: { label: 'الدردشة مع الدعم', unread: (n) => `${n} غير مقروءة` },
  fr: { label: 'Discuter avec l’assistance', unread: (n) => `${n} non lu${n > 1 ? 's' : ''}` },
  es: { label: 'Chatear con soporte', unread: (n) => `${n} sin leer` },
};

/** "Chat with support, 2 unread" (the count in the locale's digits). */
export function launcherLabel(locale: string, unread: number): string {
  const t = LAUNCHER[languageOf(locale)];
  if (unread <= 0) return t.label;
  const sep = languageOf(locale) === 'ar' ? '، ' : ', ';
  return `${t.label}${sep}${t.unread(unread)}`;
}

/** Just the count, for the status line that announces it. */
export function unreadText(locale: string, unread: number): string {
  return LAUNCHER[languageOf(locale)].unread(unread);
}
