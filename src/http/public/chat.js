/* global window, document, localStorage, location, crypto, console */
/**
 * The chat page: Microsoft's Web Chat (served as /chat/webchat.js) against the bot's own Direct Line
 * endpoint, polling instead of a WebSocket, in German. Its own words come from the page
 * (#chat-texts, from src/texts/tab.ts).
 */

const texts = JSON.parse(document.getElementById('chat-texts').textContent);
// Web Chat tags its <style> elements with this nonce: the page's CSP allows no other inline style.
const nonce = document.currentScript?.nonce ?? '';
const USER_KEY = 'foerderlotse-chat-user';
const NRW_GREEN = '#007a3d';

/** A random id; getRandomValues also works where crypto.randomUUID does not (a page not on localhost). */
function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** The same user in this browser on every visit, so that the Merkliste and saved searches stay with it. */
function userId() {
  try {
    const known = localStorage.getItem(USER_KEY);
    if (known) return known;
    const fresh = randomId();
    localStorage.setItem(USER_KEY, fresh);
    return fresh;
  } catch {
    // Storage switched off: a user for this visit only.
    return randomId();
  }
}

function start() {
  const { WebChat } = window;
  const directLine = WebChat.createDirectLine({ domain: `${location.origin}/v3/directline`, webSocket: false, pollingInterval: 500 });
  WebChat.renderWebChat(
    {
      directLine,
      userID: userId(),
      locale: 'de-DE',
      nonce,
      styleOptions: {
        accent: NRW_GREEN,
        hideUploadButton: true,
        sendBoxTextWrap: true,
        suggestedActionLayout: 'flow',
        richCardWrapTitle: true,
        adaptiveCardsParserMaxVersion: '1.5',
        bubbleBorderRadius: 8,
        bubbleFromUserBorderRadius: 8,
        bubbleFromUserBackground: '#e6f2eb',
      },
    },
    document.getElementById('webchat'),
  );
}

try {
  start();
} catch (error) {
  console.error('Förderlotse: Chat nicht gestartet', error);
  const message = document.getElementById('chat-error');
  message.textContent = texts.loadFailed;
  message.hidden = false;
}
