// Data factory API: one router, composed of its areas (collect and explore, cleaning, annotation, datasets).
import { router } from '@/server/trpc/init';
import { dataDatasetsRouter } from './data-datasets';
import { dataEventsRouter } from './data-events';
import { dataUploadsRouter } from './data-uploads';
import { annotationRouter } from './data-annotation';
import { cleaningRouter } from './data-cleaning';

export const dataRouter = router({
  events: dataEventsRouter,
  uploads: dataUploadsRouter,
  datasets: dataDatasetsRouter,
  annotation: annotationRouter,
  cleaning: cleaningRouter,
});
