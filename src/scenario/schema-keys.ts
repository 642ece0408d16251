/**
 * The field names the schema allows at a document path, for "unknown field … expected one of"
 * messages. Walks zod 4's public `def` structure (object shape, array element, record value,
 * optional/default wrappers, union options).
 */
import type { z } from 'zod';
import type { DocumentPath } from './yaml-source.ts';

interface Definition {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
}

export function knownKeysAt(schema: z.ZodType, path: DocumentPath): string[] {
  let current: z.ZodType[] = [schema];
  for (const part of path) {
    current = current.flatMap(unwrap).flatMap((node) => {
      const definition = node.def as Definition;
      if (definition.type === 'object' && typeof part === 'string') {
        const child = definition.shape?.[part];
        return child === undefined ? [] : [child];
      }
      if (definition.type === 'array' && definition.element !== undefined) return [definition.element];
      if (definition.type === 'record' && definition.valueType !== undefined) return [definition.valueType];
      return [];
    });
  }
  const keys = current.flatMap(unwrap).flatMap((node) => Object.keys((node.def as Definition).shape ?? {}));
  return [...new Set(keys)];
}

function unwrap(node: z.ZodType): z.ZodType[] {
  const definition = node.def as Definition;
  if (definition.innerType !== undefined) return unwrap(definition.innerType);
  if (definition.type === 'union' && definition.options !== undefined)
    return definition.options.flatMap(unwrap);
  return [node];
}
