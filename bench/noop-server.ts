/**
 * The ingest baseline: the same Nest + Fastify stack, guard, validation pipe, DTO and route as
 * the real submission, answering 201 without running a command. What the real route reaches as
 * a share of this is what the command path and the durable append cost.
 */
import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, Param, Put } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, loadConfig } from '@survey/application';
import { Allow, AuthGuard, CurrentPrincipal } from '../apps/api/src/http/auth';
import { RateLimitGuard } from '../apps/api/src/http/rate-limit';
import type { Principal } from '@survey/application';
import { createHttpApp } from '../apps/api/src/http/create-app';
import { SubmitEvaluationDto } from '../apps/api/src/evaluations/submit-evaluation.dto';

@Controller('v1')
class NoopController {
  @Put('campaigns/:id/evaluations/:agencyId')
  @Allow('enterprise')
  @HttpCode(201)
  submit(@Param('id') campaignId: string, @Param('agencyId') agencyId: string, @Body() body: SubmitEvaluationDto, @CurrentPrincipal() who: Principal) {
    return { campaignId, agencyId, rating: body.rating, sub: who.sub, outcome: 'noop' };
  }

  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

@Module({
  controllers: [NoopController],
  providers: [{ provide: APP_CONFIG, useValue: loadConfig() }, { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_GUARD, useClass: RateLimitGuard }],
})
class NoopModule {}

async function main() {
  const app = await createHttpApp(NoopModule);
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
