/**
 * What the local host knows about each function: its trigger, its outputs and the user's handler, read from
 * the metadata `@azure/functions` hands to `registerFunction` — the same metadata the real host receives.
 */
export type FunctionHandler = (trigger: unknown, context: unknown) => unknown;

export interface HttpTriggerBinding {
  readonly kind: "http";
  readonly route: string;
  readonly methods: readonly string[];
  readonly authLevel: string;
}

export interface TimerTriggerBinding {
  readonly kind: "timer";
  readonly schedule: string;
  readonly runOnStartup: boolean;
}

export interface ServiceBusTriggerBinding {
  readonly kind: "serviceBus";
  readonly queueName: string;
  readonly connection: string;
  readonly autoCompleteMessages: boolean;
  readonly isSessionsEnabled: boolean;
  /** `sdkBinding: true`: the handler gets `{ messages, actions }` and settles the message itself. */
  readonly sdkBinding: boolean;
  readonly cardinality: "one" | "many";
}

export interface UnsupportedTriggerBinding {
  readonly kind: "unsupported";
  readonly type: string;
}

export type TriggerBinding =
  HttpTriggerBinding | TimerTriggerBinding | ServiceBusTriggerBinding | UnsupportedTriggerBinding;

export interface ServiceBusOutputBinding {
  readonly name: string;
  readonly queueName: string;
  readonly connection: string;
  readonly isReturn: boolean;
}

export interface RegisteredFunction {
  readonly name: string;
  readonly trigger: TriggerBinding;
  readonly triggerName: string;
  readonly serviceBusOutputs: readonly ServiceBusOutputBinding[];
  readonly handler: FunctionHandler;
}

/** The raw shape `toCoreFunctionMetadata` produces: bindings keyed by binding name. */
export interface CoreFunctionMetadata {
  name: string;
  bindings: Record<string, Record<string, unknown> & { type: string; direction: string }>;
}

const returnBindingKey = "$return";

export function toRegisteredFunction(metadata: CoreFunctionMetadata, handler: FunctionHandler): RegisteredFunction {
  const entries = Object.entries(metadata.bindings);
  const triggerEntry = entries.find(([, binding]) => /trigger$/i.test(binding.type));
  if (!triggerEntry) throw new Error(`Function "${metadata.name}" has no trigger binding.`);
  const [triggerName, trigger] = triggerEntry;
  const serviceBusOutputs = entries
    .filter(([, binding]) => binding.direction === "out" && binding.type.toLowerCase() === "servicebus")
    .map(([name, binding]) => ({
      name,
      queueName: String(binding.queueName ?? binding.topicName ?? ""),
      connection: String(binding.connection ?? ""),
      isReturn: name === returnBindingKey
    }));
  return { name: metadata.name, trigger: toTriggerBinding(trigger), triggerName, serviceBusOutputs, handler };
}

function toTriggerBinding(binding: Record<string, unknown> & { type: string }): TriggerBinding {
  switch (binding.type.toLowerCase()) {
    case "httptrigger":
      return {
        kind: "http",
        route: typeof binding.route === "string" ? binding.route : "",
        methods: Array.isArray(binding.methods) ? binding.methods.map((m) => String(m).toUpperCase()) : ["GET", "POST"],
        authLevel: String(binding.authLevel ?? "anonymous")
      };
    case "timertrigger":
      return { kind: "timer", schedule: String(binding.schedule ?? ""), runOnStartup: binding.runOnStartup === true };
    case "servicebustrigger":
      return {
        kind: "serviceBus",
        queueName: String(binding.queueName ?? ""),
        connection: String(binding.connection ?? ""),
        autoCompleteMessages: binding.autoCompleteMessages !== false,
        isSessionsEnabled: binding.isSessionsEnabled === true,
        sdkBinding:
          (binding.properties as { supportsDeferredBinding?: string } | undefined)?.supportsDeferredBinding === "true",
        cardinality: binding.cardinality === "many" ? "many" : "one"
      };
    default:
      return { kind: "unsupported", type: binding.type };
  }
}
