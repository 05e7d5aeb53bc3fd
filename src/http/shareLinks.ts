import type { Profile } from '../domain/taxonomy.js';
import { searchParamsOf } from './programmesQuery.js';
import { EXPORT_PATH, type ExportLinks } from './exportLinks.js';

/**
 * Where a search can be handed on from the chat: its result list as Word and CSV (signed links the
 * bot serves), and the tab showing the same search. In Teams the tab opens inside Teams through a
 * deep link; elsewhere (Emulator, Web Chat) its page opens in the browser.
 */

export interface SearchLinks {
  word: string;
  csv: string;
  tab: string;
}

export interface ShareLinkOptions {
  links: ExportLinks;
  /** The bot's public address (BOT_PUBLIC_URL), or its own address when it has none (Emulator). */
  baseUrl: () => string;
  /** The Teams app's id, for deep links into its tab. */
  teamsAppId: string;
}

/** The tab's entityId in manifest/manifest.json. */
const TAB_ENTITY = 'programme';

export function searchLinks(profile: Profile, channelId: string | undefined, options: ShareLinkOptions): SearchLinks {
  const base = options.baseUrl().replace(/\/+$/, '');
  const search = searchParamsOf(profile);
  const token = options.links.sign(search);
  const page = `${base}/tab${search.size > 0 ? `?${search.toString()}` : ''}`;
  const tab =
    channelId === 'msteams'
      ? `https://teams.microsoft.com/l/entity/${encodeURIComponent(options.teamsAppId)}/${TAB_ENTITY}?${new URLSearchParams({
          webUrl: page,
          label: 'Programme',
          context: JSON.stringify({ subEntityId: search.toString() }),
        }).toString()}`
      : page;
  return { word: `${base}${EXPORT_PATH}.docx?t=${token}`, csv: `${base}${EXPORT_PATH}.csv?t=${token}`, tab };
}
