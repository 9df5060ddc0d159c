import { ReadModelQueries } from '@fresh/read-models';
import { ProblemException } from '../http/problem';

/** A query naming a generation that does not exist is 404 GENERATION_NOT_FOUND, whatever it asks. */
export async function requireGeneration(
  queries: ReadModelQueries,
  generation: string | undefined,
): Promise<void> {
  if (generation && !(await queries.hasGeneration(generation))) {
    throw new ProblemException(
      404,
      'GENERATION_NOT_FOUND',
      `no read-model generation ${generation}; build it with fresh replay --until`,
    );
  }
}
