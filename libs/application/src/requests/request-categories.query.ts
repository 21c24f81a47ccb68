import { Query } from '@nestjs/cqrs';
import type { RequestConfig } from '../config/request-config';

/** The deployment's request categories (labels, working days to resolve) and its other deadlines: public, the pages build their choices from it. */
export class RequestCategoriesQuery extends Query<RequestConfig> {}
