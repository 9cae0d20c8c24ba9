/**
 * Request/response nodes (`$cbs`, `<entity>/$management`): the client sends requests on one link and reads
 * replies on another whose link name is the request's `reply_to`; a reply carries the request's `message_id` as
 * its `correlation_id`.
 */
import type { EventContext, Message, Receiver, Sender } from "rhea";

export interface Reply {
  readonly application_properties: Record<string, unknown>;
  readonly body?: unknown;
}

export type Responder = (request: Message, respond: (reply: Reply) => void) => void;

/** The reply links of one connection, by link name. */
export class ReplyLinks {
  private readonly links = new Map<string, Sender>();

  constructor(private readonly log: (line: string) => void) {}

  add(sender: Sender): void {
    this.links.set(sender.name, sender);
    sender.on("sender_close", () => {
      if (this.links.get(sender.name) === sender) this.links.delete(sender.name);
    });
  }

  send(request: Message, reply: Reply): void {
    const link = this.links.get(String(request.reply_to));
    if (link === undefined || !link.is_open()) {
      this.log(`service-bus: no reply link '${String(request.reply_to)}' for a request; reply dropped`);
      return;
    }
    link.send({
      correlation_id: request.message_id,
      to: request.reply_to,
      application_properties: reply.application_properties,
      body: reply.body
    });
  }
}

export function serveRequests(receiver: Receiver, replies: ReplyLinks, respond: Responder): void {
  receiver.on("message", (context: EventContext) => {
    context.delivery?.accept();
    const request = context.message;
    if (request !== undefined) respond(request, (reply) => replies.send(request, reply));
  });
}

/** `$cbs` put-token: any token is good enough for a local emulator (the SDK sends one before every attach). */
export const answerCbs: Responder = (request, respond) => {
  const known = request.application_properties?.["operation"] === "put-token";
  respond({
    application_properties: known
      ? { "status-code": 200, "status-description": "OK" }
      : { "status-code": 400, "status-description": "Only put-token is supported." }
  });
};
