/** The clicked task: its slot's `service ps` rows at the cursor and its state changes. */
import { select } from 'd3';
import type { TaskDetail } from '../data/task-detail.js';
import { byId } from './dom.js';

/** Draws the task panel; `detail` null with a selection means the task is not in the store. */
export function drawTask(detail: TaskDetail | null, selected: string | null): void {
  const panel = select(byId('task'));
  panel.selectAll('*').remove();
  if (selected === null) {
    panel.append('p').attr('class', 'hint').text('Click a task to see its history.');
    return;
  }
  if (!detail) {
    panel.append('p').attr('class', 'hint').text(
      `Task ${selected} is not in the store at this time (not created yet, or reaped).`);
    return;
  }
  panel.append('h3').text(`${detail.name}  ${detail.taskId}`);
  const table = panel.append('table').attr('class', 'ps');
  const head = ['NAME', 'NODE', 'DESIRED STATE', 'CURRENT STATE', 'ERROR'];
  table.append('tr').selectAll('th').data(head).join('th').text((cell) => cell);
  table.selectAll('tr.row').data(detail.rows).join('tr')
    .attr('class', (row) => (row.taskId === detail.taskId ? 'row this' : 'row'))
    .selectAll('td')
    .data((row) => [row.name, row.node, row.desiredState, row.currentState, row.error])
    .join('td')
    .text((cell) => cell);
  const moves = panel.append('ol').attr('class', 'moves');
  moves.selectAll('li').data(detail.transitions).join('li')
    .html((move) => `<span class="at">${move.at}</span> ${move.state}`);
  const facts = [
    detail.message ? `message: ${detail.message}` : '',
    detail.error ? `error: ${detail.error}` : '',
    detail.exitCode === null ? '' : `exit code: ${detail.exitCode}`,
  ].filter(Boolean);
  panel.selectAll('p.fact').data(facts).join('p').attr('class', 'fact').text((fact) => fact);
}
