/** A system error code (EBUSY, ENOSPC…) as people read it, for the messages about files that could not be written. */

/**
 * What the system's code means for a file that could not be written. The
 * WriteFailed hint adds «проверьте, что файл не открыт в PowerPoint…»: on
 * Windows a deck open in PowerPoint gives EBUSY or EPERM.
 */
export function writeFailureReason(code: string | undefined): string {
  switch (code) {
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      return `файл занят или недоступен для записи (${code})`;
    case 'EISDIR':
      return 'на месте файла находится папка (EISDIR)';
    case 'ENOTDIR':
      return 'на месте папки находится файл (ENOTDIR)';
    case 'EROFS':
      return 'диск только для чтения (EROFS)';
    case 'ENOSPC':
      return 'на диске нет места (ENOSPC)';
    default:
      return `ошибка системы (${code ?? 'без кода'})`;
  }
}
