import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
export const API_SCHEMAS: Record<string, SchemaObject> = {};
