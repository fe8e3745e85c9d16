/** One mapper from errors to HTTP: a code, a plain Chinese message, the field. No 5xx for bad input. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';

const CONTEXT_LABEL: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

export function errorHandler(error: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply.code(error.status).send({ error: { code: error.code, message: error.message, field: error.field, details: error.details } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const ctx = (error as { validationContext?: string }).validationContext ?? 'body';
    const details = error.validation.map((v) => {
      const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || ctx;
      return { field, message: v.message };
    });
    const first = details[0]!;
    return reply.code(400).send({
      error: { code: 'VALIDATION', message: `${CONTEXT_LABEL[ctx] ?? ctx}字段 ${first.field}：${first.message}`, field: first.field, details },
    });
  }
  const fe = error as FastifyError & { code?: string };
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && fe.code?.startsWith('FST_ERR_CTP'))) {
    return reply.code(400).send({ error: { code: 'BAD_JSON', message: '请求体不是合法的 JSON', field: 'body' } });
  }
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return reply.code(400).send({ error: { code: 'BAD_JSON', message: '请求体为空', field: 'body' } });
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return reply.code(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的 Content-Type，请使用 application/json', field: 'content-type' } });
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.code(413).send({ error: { code: 'BODY_TOO_LARGE', message: '请求体过大', field: 'body' } });
  }
  // PostgreSQL errors caused by the input (constraint, encoding, range) are the caller's fault: 4xx,
  // in plain words, without echoing the server's internal message.
  const pg = error as { code?: string; constraint?: string; column?: string };
  if (pg.code === '23505') return reply.code(409).send({ error: { code: 'CONFLICT', message: '数据重复，违反唯一性约束', field: pg.column } });
  const PG_INPUT: Record<string, string> = {
    '23503': '引用的数据不存在',
    '23514': '数据不符合约束',
    '23502': '缺少必填数据',
    '22P02': '数据格式不正确',
    '22003': '数值超出允许范围',
    '22007': '日期或时间格式不正确',
    '22008': '日期或时间超出范围',
    '22021': '文本中含有不允许的字符（如 NUL）',
    '22P05': '文本中含有不允许的字符',
    '22001': '文本过长',
  };
  if (pg.code && PG_INPUT[pg.code]) {
    return reply.code(400).send({ error: { code: 'VALIDATION', message: PG_INPUT[pg.code] + (pg.constraint ? `（${pg.constraint}）` : ''), field: pg.column } });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.code(fe.statusCode).send({ error: { code: fe.code ?? 'BAD_REQUEST', message: fe.message } });
  }
  if (isResponseSerializationError(error)) req.log.error({ err: error, cause: error.cause }, 'response did not match its schema');
  else req.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后再试' } });
}
