import { Module } from '@nestjs/common';
import { ConsoleQueries, ReadStore } from '@fresh/read-models';
import { BrowseController } from '../queries/browse.controller';

/** The reads the analysts' console adds to the API (the console itself is served by serveConsole). */
@Module({
  controllers: [BrowseController],
  providers: [
    {
      provide: ConsoleQueries,
      useFactory: (reads: ReadStore) => new ConsoleQueries(reads),
      inject: [ReadStore],
    },
  ],
})
export class ConsoleModule {}
