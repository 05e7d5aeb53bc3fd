/**
 * A page that plays the Teams web client for the tab in its iframe: it answers teams-js's
 * postMessage calls (initialize, getContext) and can send a theme change. Served by the browser
 * test under https://teams.microsoft.com, an origin teams-js and the tab's frame-ancestors accept.
 */
export const FAKE_TEAMS_ORIGIN = 'https://teams.microsoft.com';

/** Where Microsoft's CDN serves teams-js its list of Teams host origins (teams-js 2.x, `validOriginsCdnEndpoint`). */
export const TEAMS_ORIGINS_LIST_URL = 'https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json';

/**
 * The CDN's answer, shortened: `validOrigins`, host names (with `*.` for a subdomain), each of which
 * teams-js checks as `https://` + entry; any other shape makes it fall back to its bundled list.
 */
export const teamsOriginsList = () =>
  JSON.stringify({ validOrigins: ['teams.microsoft.com', '*.teams.microsoft.com', 'teams.cloud.microsoft', '*.office.com'] });

export function fakeTeamsHostPage(tabUrl: string, context: { theme: string; locale: string; subEntityId?: string }): string {
  const tabOrigin = new URL(tabUrl).origin;
  return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Teams (Test)</title></head>
<body style="margin:0">
<iframe id="tab" src="${tabUrl}" title="Programme" style="border:0;width:1000px;height:860px"></iframe>
<script>
  window.hostCalls = [];
  const tabOrigin = ${JSON.stringify(tabOrigin)};
  const context = ${JSON.stringify({ ...context, hostClientType: 'web', frameContext: 'content', hostName: 'Teams' })};
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (event.origin !== tabOrigin || !message || typeof message.func !== 'string') return;
    window.hostCalls.push(message.func);
    const reply = (args) => event.source.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args }, event.origin);
    // No runtime config: teams-js then derives the capabilities from the client's SDK version.
    if (message.func === 'initialize') reply(['content', 'web', '', '2.0.0']);
    if (message.func === 'getContext') reply([context]);
  });
  window.changeTheme = (theme) => document.getElementById('tab').contentWindow.postMessage({ func: 'themeChange', args: [theme] }, tabOrigin);
</script>
</body>
</html>`;
}
