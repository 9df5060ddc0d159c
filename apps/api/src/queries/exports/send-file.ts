import { StreamableFile } from '@nestjs/common';
import { FileFormatQueryDto } from '../file-query.dto';
import { Table, tableFile } from '@fresh/tables';

/** The table as the file a query asked for (`format=csv|xlsx`), to download. */
export async function fileAnswer(
  query: FileFormatQueryDto,
  table: Table,
  baseName: string,
): Promise<StreamableFile> {
  const file = await tableFile(
    table,
    query.format === 'xlsx' ? 'xlsx' : 'csv',
    query.lang ?? 'ru',
    query.dialect ?? 'rfc4180',
    baseName,
  );
  return new StreamableFile(file.body, {
    type: file.contentType,
    disposition: `attachment; filename="${file.fileName}"`,
    length: file.body.length,
  });
}

/** Whether the query asks for a file rather than JSON. */
export const wantsFile = (query: FileFormatQueryDto) =>
  query.format === 'csv' || query.format === 'xlsx';
