/** Enterprises: register one or change its profile (one stream per credit code). */
import { Module } from '@nestjs/common';
import { RegisterEnterpriseHandler } from './register-enterprise.handler';

@Module({
  providers: [RegisterEnterpriseHandler],
})
export class EnterprisesModule {}
