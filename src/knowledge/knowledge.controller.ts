import { Controller, Get, HttpCode, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { Roles } from '../access/roles.decorator';
import { ApiBodyPerMediaType, ApiDataResponse, ApiErrorResponses } from '../core/http/api-docs';
import { ListRoute, ReadRoute, DeleteRoute } from '../core/http/routes';
import { PaginationQuery } from '../core/http/pagination.dto';
import { MessageResponse, type PaginatedResponse } from '../core/http/responses';
import { UuidParam } from '../core/http/uuid-param';
import { ChunkView } from './chunk.view';
import type { DocumentUpload, UploadResult } from './document-upload';
import { UploadedDocument } from './document-upload.pipe';
import { DocumentView } from './document.view';
import { CreateDocumentDto } from './dto/create-document.dto';
import { ListDocumentsQuery } from './dto/list-documents.query';
import { MAX_SEARCH_RESULTS, SearchQuery } from './dto/search.query';
import { DEFAULT_MAX_UPLOAD_BYTES } from './knowledge-bounds';
import { KnowledgeDocumentsService } from './knowledge-documents.service';
import { KnowledgeSearchService } from './knowledge-search.service';
import { MAX_TITLE_LENGTH } from './model/document-title';
import { SearchHitView } from './search-hit.view';
import { UploadMemoryInterceptor } from './upload-memory.interceptor';
import { UploadStatusInterceptor } from './upload-status.interceptor';

@ApiTags('knowledge')
@ApiErrorResponses(401)
@Controller('knowledge')
export class KnowledgeController {
  constructor(
    private readonly documents: KnowledgeDocumentsService,
    private readonly searcher: KnowledgeSearchService,
  ) {}

  @Post('documents')
  @ApiOperation({
    summary: 'Add a document: a file (text, Markdown, HTML, PDF, DOCX; detected from its bytes) or JSON text',
    description:
      'Answers 202 with the queued document, or 200 with the existing one when these bytes were uploaded before.',
  })
  @ApiBodyPerMediaType(
    {
      'multipart/form-data': {
        type: 'object',
        required: ['file'],
        properties: {
          file: {
            type: 'string',
            format: 'binary',
            maxLength: DEFAULT_MAX_UPLOAD_BYTES,
            description: 'The document (format detected from its bytes), at most KNOWLEDGE_MAX_UPLOAD_BYTES',
          },
          title: { type: 'string', minLength: 1, maxLength: MAX_TITLE_LENGTH, description: 'Default: the file name' },
        },
      },
      'application/json': { $ref: getSchemaPath(CreateDocumentDto) },
    },
    [CreateDocumentDto],
  )
  @ApiDataResponse(DocumentView, 202, 'Stored and queued for indexing')
  @ApiDataResponse(DocumentView, 200, 'The same content was uploaded before: the existing document')
  @ApiErrorResponses(402, 413, 415, 422, 503)
  @UseInterceptors(UploadMemoryInterceptor, UploadStatusInterceptor)
  upload(
    @CurrentActor() actor: Actor,
    @UploadedDocument() upload: DocumentUpload,
  ): Promise<UploadResult<DocumentView>> {
    return this.documents.upload(actor, upload);
  }

  @ListRoute(DocumentView, {
    path: 'documents',
    summary: 'List documents, newest first; filter by status, search titles',
    errors: [422],
  })
  list(@CurrentActor() actor: Actor, @Query() query: ListDocumentsQuery): Promise<PaginatedResponse<DocumentView>> {
    return this.documents.list(actor, query);
  }

  @ReadRoute(DocumentView, {
    path: 'documents/:id',
    summary: 'A document: status, progress, error, chunk count',
    errors: [404, 422],
  })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<DocumentView> {
    return this.documents.get(actor, id);
  }

  @ListRoute(ChunkView, { path: 'documents/:id/chunks', summary: "A document's chunks, in order", errors: [404, 422] })
  chunks(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Query() page: PaginationQuery,
  ): Promise<PaginatedResponse<ChunkView>> {
    return this.documents.listChunks(actor, id, page);
  }

  @Post('documents/:id/reindex')
  @HttpCode(202)
  @ApiOperation({ summary: 'Index the document again as a new version' })
  @ApiDataResponse(DocumentView, 202)
  @ApiErrorResponses(404, 422, 503)
  reindex(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<DocumentView> {
    return this.documents.reindex(actor, id);
  }

  @Roles('admin')
  @DeleteRoute({
    path: 'documents/:id',
    summary: 'Delete a document, its file and chunks (admin or owner)',
    errors: [403, 404, 422],
  })
  async remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<MessageResponse> {
    await this.documents.remove(actor, id);
    return new MessageResponse('Document deleted');
  }

  @Get('search')
  @ApiOperation({
    summary: 'Search the knowledge base: ranked chunks with a highlighted snippet, by words, meaning or both',
  })
  @ApiExtraModels(SearchHitView)
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      required: ['data'],
      properties: {
        data: { type: 'array', maxItems: MAX_SEARCH_RESULTS, items: { $ref: getSchemaPath(SearchHitView) } },
      },
    },
    headers: {
      'X-Search-Mode': {
        description: 'The ranking that answered: lexical, semantic or hybrid',
        schema: { type: 'string', enum: ['lexical', 'semantic', 'hybrid'] },
      },
      'X-Search-Fallback': {
        description:
          'Present when semantic or hybrid was asked but the answer is lexical: embedding_unavailable (the provider ' +
          'failed this query) or embedding_not_configured',
        schema: { type: 'string', enum: ['embedding_unavailable', 'embedding_not_configured'] },
      },
    },
  })
  @ApiErrorResponses(422)
  async search(
    @CurrentActor() actor: Actor,
    @Query() query: SearchQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SearchHitView[]> {
    const { hits, mode, fallback } = await this.searcher.search(actor, query);
    reply.header('x-search-mode', mode);
    if (fallback) reply.header('x-search-fallback', fallback);
    return hits;
  }
}
