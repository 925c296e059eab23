import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AppConfig } from '../core/config/app-config';
import { ApiDataResponse, ApiErrorResponses } from '../core/http/api-docs';
import { sendEventStream } from '../core/http/event-stream';
import { ShutdownState } from '../health/shutdown-state';
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
@ApiErrorResponses(401, 404, 422, 429)
@Controller('chat')
export class ChatController {
  constructor(
    private readonly chat: ChatService,
    private readonly config: AppConfig,
    private readonly shutdown: ShutdownState,
  ) {}

  @Post('stream')
  @ApiOperation({ summary: 'Ask the assistant; the answer streams as Server-Sent Events', description: STREAM_EVENTS })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: STREAM_EVENTS,
    content: { 'text/event-stream': { schema: { type: 'string', maxLength: 1_000_000 } } },
  })
  async stream(
    @CurrentActor() actor: Actor,
    @Body() body: ChatRequestDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const answer = await this.chat.open(actor, body);
    await sendEventStream(request, reply, (signal) => answer.events(signal), {
      heartbeatMs: this.config.ASSISTANT_HEARTBEAT_MS,
      onShutdown: (listener) => this.shutdown.onDrain(listener),
    });
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
