// One bench job in a process of its own, so its peak memory is its own: the bench sends the request, this answers.
import v8 from 'node:v8';
import { keepYoungGenerationSmall } from '../../electron/core/youngGeneration';
import { isJobRequest, type JobReport } from './job';
import { JOB_MODULES } from './jobModules';
import { appPeakRssMb, peakRssMb } from './measure';

// The job stands for the main process, which sets this first thing (electron/main/index.ts).
keepYoungGenerationSmall();

function reply(report: JobReport): void {
  process.send?.(report, () => process.exit(0));
}

process.once('message', (message: unknown) => {
  if (!isJobRequest(message)) {
    reply({ measures: [], peakRssMb: peakRssMb(), heapTotalMb: 0, error: 'The bench sent a request this job process does not understand.' });
    return;
  }
  const key = Buffer.from(message.keyHex, 'hex');
  JOB_MODULES[message.job]()
    .then((job) => job({ request: message, key }))
    .then((measures) =>
      reply({ measures, peakRssMb: peakRssMb(), appPeakRssMb: appPeakRssMb(), heapTotalMb: v8.getHeapStatistics().total_heap_size / 2 ** 20 }),
    )
    .catch((error: unknown) =>
      reply({ measures: [], peakRssMb: peakRssMb(), heapTotalMb: 0, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
});
