import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PublishResultsCommand } from './publish-results.command';
import { PublishResults } from './publish-results.process';

/** Publishing is several steps (decide, wait for the projections, report, seal, append): a process of its own. */
@CommandHandler(PublishResultsCommand)
export class PublishResultsHandler implements ICommandHandler<PublishResultsCommand> {
  constructor(private readonly publish: PublishResults) {}

  execute({ campaignId, meta }: PublishResultsCommand) {
    return this.publish.run(campaignId, meta);
  }
}
