/**
 * The HTTP status an error of the Bot Connector client or the Azure SDK carries: as `statusCode`
 * (botframework-connector, @azure/storage-blob) or on its `response` (fetch-style clients).
 */
export function httpStatusOf(error: unknown): number | undefined {
  const failure = error as { statusCode?: unknown; response?: { status?: unknown } } | null | undefined;
  const status = failure?.statusCode ?? failure?.response?.status;
  return typeof status === 'number' ? status : undefined;
}
