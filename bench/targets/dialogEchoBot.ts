import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type TurnContext,
} from 'botbuilder';
import {
  ComponentDialog,
  type DialogState,
  DialogSet,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import restify from 'restify';

const adapter = new CloudAdapter(
  new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
    MicrosoftAppTenantId: '',
  }),
);
adapter.onTurnError = async (context: TurnContext, error: Error) => {
  console.error(`dialog echo bot: turn failed: ${error.message}`);
  await context.sendActivity('Fehler');
};
const conversationState = new ConversationState(new MemoryStorage());
const dialogState = conversationState.createProperty<DialogState>('dialogState');

class EchoDialog extends ComponentDialog {
  constructor() {
    super('echo');
    this.addDialog(new TextPrompt('text'));
    this.addDialog(
      new WaterfallDialog('steps', [
        async (step: WaterfallStepContext) => step.prompt('text', { prompt: step.context.activity.text ?? '' }),
        async (step: WaterfallStepContext) => step.replaceDialog('steps'),
      ]),
    );
    this.initialDialogId = 'steps';
  }
}
const dialogs = new DialogSet(dialogState).add(new EchoDialog());

class Bot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('echo');
      await next();
    });
  }
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await conversationState.saveChanges(context, false);
  }
}
const bot = new Bot();

const server = restify.createServer({ name: 'dialog-echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));
server.post('/api/messages', async (request: restify.Request, response: restify.Response) => {
  await adapter.process(request, response, (context) => bot.run(context));
});
server.get('/healthz', async (_request: restify.Request, response: restify.Response) => {
  response.send(200, { status: 'ok' });
});
server.listen(Number(process.env.PORT ?? 3981), process.env.HOST ?? '127.0.0.1');

// A normal exit on request, so that a CPU profile (--cpu-prof) is written.
process.on('message', (message) => {
  if (message === 'exit') process.exit(0);
});
