import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { ApiDataResponse, ApiErrorResponses } from '../core/http/api-docs';
import type { EventProducer } from '../core/http/event-stream';
import { EventStream } from '../core/http/event-stream.decorator';
import { ChatAnswerView } from './chat.view';
import { ChatService } from './chat.service';
import { ChatRequestDto } from './dto/chat-request.dto';

const STREAM_EVENTS = [
  'Named events, each `data` a JSON object, in this order:',
  '`conversation` `{ conversationId }`;',
  '`sources` `{ sources: [{ chunkId, documentId, documentTitle, headingPath, snippet, score }] }`;',
  '`delta` `{ text }`, many;',
  'then `done` `{ messageId, finishReason, usage }` or `error` `{ code, message, requestId }`.',
  'A comment line is sent as heartbeat while the answer is idle.',
].join(' ');

@ApiTags('assistant')
@ApiErrorResponses(401, 402, 404, 422, 429)
@Controller('chat')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Post('stream')
  @ApiOperation({ summary: 'Ask the assistant; the answer streams as Server-Sent Events', description: STREAM_EVENTS })
  @EventStream({ heartbeatMs: (config) => config.ASSISTANT_HEARTBEAT_MS })
  @ApiOkResponse({
    description: STREAM_EVENTS,
    content: { 'text/event-stream': { schema: { type: 'string', maxLength: 1_000_000 } } },
  })
  async stream(@CurrentActor() actor: Actor, @Body() body: ChatRequestDto): Promise<EventProducer> {
    const answer = await this.chat.open(actor, body);
    return (signal) => answer.events(signal);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the assistant and get the whole answer at once' })
  @ApiDataResponse(ChatAnswerView)
  @ApiErrorResponses(503)
  answer(@CurrentActor() actor: Actor, @Body() body: ChatRequestDto): Promise<ChatAnswerView> {
    return this.chat.answerWhole(actor, body);
  }
}
