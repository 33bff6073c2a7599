import { DEFAULT_TEMPLATE, Template } from './service';

/**
 * The team templates the server knows, by folder. Until a workspace's `.alphanode.yaml`
 * files are loaded, every post gets the defaults.
 */
export class TemplateStore {
  /** The template that applies to the document at `uri`. */
  templateFor(_uri: string): Template {
    return DEFAULT_TEMPLATE;
  }
}
