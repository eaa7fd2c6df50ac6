export * from './episodeInterchange';
