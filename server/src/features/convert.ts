import { RequestType } from 'vscode-languageserver';
import type { Feature } from '../context';
import { IMPORT_EXPORT_REQUEST, ImportExportParams, ImportExportResult } from '../protocol';
import { importExport } from '../service';

const IMPORT_EXPORT = new RequestType<ImportExportParams, ImportExportResult, void>(IMPORT_EXPORT_REQUEST);

/** Import of rendered exports for the editor command; the client reads the file, the server converts. */
export const convert: Feature = {
  capabilities: {},
  register({ connection, templates }) {
    connection.onRequest(IMPORT_EXPORT, (params) => importExport(params.text, templates.templateFor(params.uri)));
  },
};
