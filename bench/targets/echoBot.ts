import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import restify from 'restify';

/**
 * The baseline of the HTTP and start-up measurements: an echo bot on the same stack as the
 * Förderlotse (restify with the body parser, CloudAdapter without credentials as in the Emulator
 * mode, replies through the connector at the activity's serviceUrl), with a /healthz like the bot's.
 * Started as its own process, from the build in dist/bench/targets/ (see bench/build.ts).
 */
const adapter = new CloudAdapter(
  new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
    MicrosoftAppTenantId: '',
  }),
);
adapter.onTurnError = async (context: TurnContext, error: Error) => {
  console.error(`echo bot: turn failed: ${error.message}`);
  await context.sendActivity('Fehler');
};

const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));

server.post('/api/messages', async (request: restify.Request, response: restify.Response) => {
  await adapter.process(request, response, async (context) => {
    if (context.activity.type === 'message') await context.sendActivity(context.activity.text ?? '');
  });
});

server.get('/healthz', async (_request: restify.Request, response: restify.Response) => {
  response.send(200, { status: 'ok' });
});

server.listen(Number(process.env.PORT ?? 3979), process.env.HOST ?? '127.0.0.1');
