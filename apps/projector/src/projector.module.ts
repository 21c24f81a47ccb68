/** The projector process: the application layer with its projections running, and nothing else. */
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ApplicationModule } from '@survey/application';

@Module({})
export class ProjectorModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ProjectorModule, imports: [ApplicationModule.forRoot({ ...config, inProcessProjector: true })] };
  }
}
