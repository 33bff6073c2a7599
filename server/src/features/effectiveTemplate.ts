import type { Feature } from '../context';
import { EFFECTIVE_TEMPLATE_REQUEST, EffectiveTemplateParams, EffectiveTemplateResult } from '../protocol';
import { effectiveTemplate, effectiveYaml } from '../service';
import { field } from '../lspInput';

/**
 * `alphanode/effectiveTemplate`: the team template that applies to a post (or a template
 * file itself), extends chains resolved, each value with the file it came from: the same
 * text as `alphanode config`, for the Show Effective Template command.
 */
export const effectiveTemplateFeature: Feature = {
  capabilities: {},
  register({ connection, templates }) {
    connection.onRequest(EFFECTIVE_TEMPLATE_REQUEST, async (params: EffectiveTemplateParams): Promise<EffectiveTemplateResult | null> => {
      const uri = field(params, 'uri');
      if (typeof uri !== 'string') return null;
      await templates.ready;
      await templates.settled();
      const file = templates.isTemplateDocument(uri) ? templates.resolvedTemplate(uri) : templates.templateFileFor(uri);
      return { text: effectiveYaml(effectiveTemplate(file, (template) => templates.label(template))) };
    });
  },
};
