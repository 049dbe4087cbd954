/**
 * HTTP entry to the import: a Cohort CSV bundle uploaded as a zip or as its CSV files (multipart), and
 * the shipped synthetic cohort for a first look at a full cohort. Both answer the import summary, or
 * 400 with every problem of the bundle (file, line, column, reason) and nothing written.
 */
import { Controller, HttpCode, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../shared/domain.error';
import { CurrentUser, Roles, type Identity } from '../auth/identity';
import type { BundleFiles } from './bundle.parse';
import { demoBundleFolder, readBundleFolder, unzipBundle } from './bundle.source';
import { ImportBundleMessage, type ImportSummary } from './importBundle.handler';


/** The part of a multer upload this controller reads. */
interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}

const UPLOAD_LIMITS = { fileSize: 512 * 1024 * 1024, files: 16 };

function filesOfUpload(uploads: UploadedFile[] | undefined): BundleFiles {
  if (!uploads || uploads.length === 0) {
    throw DomainError.invalid([{ field: 'file', reason: 'upload the bundle as one .zip or as its .csv files (multipart/form-data)' }]);
  }
  const zips = uploads.filter((u) => u.originalname.toLowerCase().endsWith('.zip'));
  if (zips.length > 0) {
    if (uploads.length > 1) throw DomainError.invalid([{ field: 'file', reason: 'send one .zip, or the .csv files without a zip' }]);
    return unzipBundle(zips[0].buffer);
  }
  const files: BundleFiles = {};
  for (const upload of uploads) {
    if (upload.originalname in files) throw DomainError.invalid([{ field: upload.originalname, reason: 'is uploaded twice' }]);
    files[upload.originalname] = upload.buffer.toString('utf8');
  }
  return files;
}

@ApiTags('import')
@Roles('recorder')
@Controller()
export class ImportsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('imports')
  @HttpCode(201)
  @UseInterceptors(AnyFilesInterceptor({ limits: UPLOAD_LIMITS }))
  @ApiOperation({
    summary: 'Import a Cohort CSV bundle (shared/spec/cohort-csv.md)',
    description:
      'The whole bundle is checked first; any problem answers 400 with details [{file, line, column, reason}] (up to 1000) and writes nothing. ' +
      'Then each patient is brought to what the bundle says in one append: new rows become facts, changed rows corrections, removed rows retractions ' +
      '(reason `import <bundle sha256>`). Importing the same bundle again appends nothing.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'one .zip, or patients.csv, diagnoses.csv, ...' } } },
  })
  import(@UploadedFiles() uploads: UploadedFile[] | undefined, @CurrentUser() identity: Identity): Promise<ImportSummary> {
    return this.commandBus.execute(new ImportBundleMessage(filesOfUpload(uploads), identity.userName));
  }

  @Post('demo')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Load the shipped SYNTHETIC cohort (81 patients, demo/mayo-2012-synthetic)',
    description: 'The same import as POST /imports; a second call appends nothing.',
  })
  demo(@CurrentUser() identity: Identity): Promise<ImportSummary> {
    return this.commandBus.execute(new ImportBundleMessage(readBundleFolder(demoBundleFolder()), identity.userName));
  }
}
