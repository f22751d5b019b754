/** The language of every deck's text, its document properties and its PDF: the decks are Russian. */
export const LANG = 'ru-RU';
