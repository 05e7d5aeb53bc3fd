/* global console */
/** The legal pages: only the theme, so that they look like the tab they are opened from. */
import { followHostTheme } from './teams.js';

followHostTheme().catch((error) => console.error('Förderlotse: Teams-Kontext nicht gelesen', error));
