/** Chunk 4 of 4 of chaos.yaml over 1000 seeds (chaos-1000-run.ts says why four files). */
import { chaosChunk } from './chaos-1000-run.js';

chaosChunk(3);
