/** Enterprises: register one or change its profile (one stream per credit code), or many at once (an import's rows). */
import { Module } from '@nestjs/common';
import { RegisterEnterpriseHandler } from './register-enterprise.handler';
import { RegisterEnterprisesHandler } from './register-enterprises.handler';

@Module({
  providers: [RegisterEnterpriseHandler, RegisterEnterprisesHandler],
})
export class EnterprisesModule {}
