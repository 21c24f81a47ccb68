/**
 * The city's agency directory (CLOSED-LOOP.md): an admin registers or renames an agency on its
 * stream `agency-{agencyId}`; anyone signed in lists the directory, read from the `agencies`
 * projection, which holds every agency of any campaign too. AgencyDirectory answers whether an
 * agency is known, for the requests' dispatch.
 */
import { Module } from '@nestjs/common';
import { AgencyDirectory } from './agency-directory';
import { ListAgenciesHandler } from './list-agencies.handler';
import { PutAgencyHandler } from './put-agency.handler';

@Module({
  providers: [AgencyDirectory, PutAgencyHandler, ListAgenciesHandler],
  exports: [AgencyDirectory],
})
export class AgenciesModule {}
