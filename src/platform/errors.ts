/** Application errors: a stable code, an HTTP status and a plain Chinese message naming the field. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly details?: { field: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, field?: string) => new AppError('NOT_FOUND', 404, `${what}不存在`, field);
export const forbidden = (message = '无权执行此操作') => new AppError('FORBIDDEN', 403, message);
export const unauthenticated = (message = '请先登录') => new AppError('UNAUTHENTICATED', 401, message);
export const invalid = (field: string, message: string) => new AppError('VALIDATION', 400, message, field, [{ field, message }]);
export const conflict = (field: string | undefined, message: string) => new AppError('CONFLICT', 409, message, field);
