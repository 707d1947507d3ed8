/**
 * The course's lessons as files (`NN-NAME.yaml`) and how a learner names one: by its `lesson:`
 * name, its number (`6` or `06`), or a path. Pure: the CLI reads the folder and hands the texts.
 */
import { ScenarioError } from '../scenario/errors.js';
import { parseLesson, type Lesson } from './parse.js';

/** One lesson file of the course folder. */
export interface CourseFile {
  /** File name, e.g. `01-init-and-nodes.yaml`. */
  name: string;
  /** Path used in messages. */
  path: string;
  text: string;
}

/** A course file parsed, or the error that kept it from parsing. */
export interface CourseEntry {
  file: CourseFile;
  /** The order number from the file name (`01-` → 1); null when it has none. */
  number: number | null;
  lesson: Lesson | null;
  error: ScenarioError | null;
}

/** True for a file name a lesson may have. */
export function isLessonFileName(name: string): boolean {
  return /^\d+-.+\.ya?ml$/i.test(name);
}

/** Parses every course file, in file-name order. */
export function readCourse(files: readonly CourseFile[]): CourseEntry[] {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sorted.map((file) => {
    const number = /^(\d+)-/.exec(file.name);
    try {
      const lesson = parseLesson(file.text, file.path);
      return { file, number: number ? Number(number[1]) : null, lesson, error: null };
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      return { file, number: number ? Number(number[1]) : null, lesson: null, error };
    }
  });
}

/** The entry `name` designates: a number, a `lesson:` name, or a file name without `.yaml`. */
export function findLesson(entries: readonly CourseEntry[], name: string): CourseEntry | null {
  if (/^\d+$/.test(name)) return entries.find((entry) => entry.number === Number(name)) ?? null;
  const stem = (entry: CourseEntry) => entry.file.name.replace(/\.ya?ml$/i, '');
  return (
    entries.find((entry) => entry.lesson?.name === name) ??
    entries.find((entry) => stem(entry) === name || stem(entry).replace(/^\d+-/, '') === name) ??
    null
  );
}

/** The name a learner types for an entry: its `lesson:` name, else its file stem. */
export function entryName(entry: CourseEntry): string {
  return entry.lesson?.name ?? entry.file.name.replace(/^\d+-/, '').replace(/\.ya?ml$/i, '');
}
