// The live plant page: signs in with an OAuth client of this organization (client credentials, token kept in this
// tab's sessionStorage only), reads the figures, and follows /api/v1/plant/live/events. EventSource cannot send an
// Authorization header, so the event stream is read with fetch and parsed here.
'use strict';

const TOKEN_KEY = 'carbonledger.plant.token';
const CLIENT_KEY = 'carbonledger.plant.client';
const HISTORY = 120;
const history = new Map(); // chart id -> [{t, v}]
let stream = null;

const $ = (id) => document.getElementById(id);

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function showLogin(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  if (stream) {
    stream.abort();
    stream = null;
  }
  $('live').hidden = true;
  $('who').hidden = true;
  $('login-form').hidden = false;
  $('login-error').textContent = message || '';
}

async function signIn(event) {
  event.preventDefault();
  const id = $('client-id').value.trim();
  const body = new URLSearchParams({grant_type: 'client_credentials', client_id: id,
    client_secret: $('client-secret').value});
  $('client-secret').value = '';
  const response = await fetch('/oauth/token', {method: 'POST', body,
    headers: {'Content-Type': 'application/x-www-form-urlencoded'}});
  if (!response.ok) {
    showLogin('Sign-in refused: check the client id and secret.');
    return;
  }
  const answer = await response.json();
  sessionStorage.setItem(TOKEN_KEY, answer.access_token);
  sessionStorage.setItem(CLIENT_KEY, id);
  start();
}

function start() {
  $('login-form').hidden = true;
  $('live').hidden = false;
  $('who').hidden = false;
  $('signed-in').textContent = 'Signed in as ' + (sessionStorage.getItem(CLIENT_KEY) || '?');
  follow();
}

async function follow() {
  const controller = new AbortController();
  stream = controller;
  try {
    const response = await fetch('/api/v1/plant/live/events', {signal: controller.signal,
      headers: {Authorization: 'Bearer ' + token(), Accept: 'text/event-stream'}});
    if (response.status === 401 || response.status === 403) {
      showLogin('Your session ended: sign in again.');
      return;
    }
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    $('status').textContent = 'Live';
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) {
        break;
      }
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  } catch (e) {
    if (controller.signal.aborted) {
      return;
    }
    $('status').textContent = 'Connection lost (' + e.message + '), reconnecting…';
  }
  if (stream === controller) {
    $('status').textContent = 'Reconnecting…';
    setTimeout(follow, 2000);
  }
}

function dispatch(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) {
      name = line.slice(6).trim();
    } else if (line.startsWith('data:')) {
      data.push(line.slice(5).trimStart());
    }
  }
  if (data.length === 0) {
    return;
  }
  const payload = JSON.parse(data.join('\n'));
  if (name === 'snapshot') {
    render(payload);
  } else if (name === 'alert') {
    upsertAlert(payload.alert);
  }
}

function remember(id, t, v) {
  const points = history.get(id) || [];
  points.push({t, v});
  while (points.length > HISTORY) {
    points.shift();
  }
  history.set(id, points);
  return points;
}

function chart(id, points, target) {
  const w = 300;
  const h = 70;
  const values = points.map((p) => p.v);
  if (target !== undefined) {
    values.push(target);
  }
  const max = Math.max(...values, 1e-9) * 1.1;
  const step = points.length > 1 ? w / (points.length - 1) : 0;
  const y = (v) => (h - (v / max) * h).toFixed(1);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'chart');
  svg.id = 'chart-' + id;
  svg.dataset.points = String(points.length);
  const line = document.createElementNS(svg.namespaceURI, 'polyline');
  line.setAttribute('class', 'series');
  line.setAttribute('points', points.map((p, i) => `${(i * step).toFixed(1)},${y(p.v)}`).join(' '));
  svg.appendChild(line);
  if (target !== undefined) {
    const t = document.createElementNS(svg.namespaceURI, 'line');
    t.setAttribute('class', 'target');
    t.setAttribute('x1', '0');
    t.setAttribute('x2', String(w));
    t.setAttribute('y1', y(target));
    t.setAttribute('y2', y(target));
    svg.appendChild(t);
  }
  return svg;
}

function card(id, title, facts, points, target, over) {
  const div = document.createElement('div');
  div.className = 'card' + (over ? ' over' : '');
  div.id = id;
  const h = document.createElement('h3');
  h.textContent = title;
  div.appendChild(h);
  const dl = document.createElement('dl');
  for (const [k, v] of facts) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    dl.append(dt, dd);
  }
  div.appendChild(dl);
  div.appendChild(chart(id, points, target));
  return div;
}

const kg = (text) => Number(text).toLocaleString('en', {maximumFractionDigits: 3});

function render(s) {
  const t = s.at;
  $('devices').replaceChildren(...s.devices.map((d) => card('device-' + d.deviceId, d.deviceId,
    [['Line', d.line], ['Rate', kg(d.ratePerHour) + ' kgCO2e/h'], ['Today', kg(d.cumulativeToday) + ' kgCO2e'],
      ['Last reading', d.lastReadingAt || '—']],
    remember('device-' + d.deviceId, t, Number(d.ratePerHour)))));
  $('lines').replaceChildren(...s.lines.map((l) => card('line-' + l.line, l.line,
    [['Rate', kg(l.ratePerHour) + ' kgCO2e/h'], ['Today', kg(l.cumulativeToday) + ' kgCO2e']],
    remember('line-' + l.line, t, Number(l.ratePerHour)))));
  $('batches').replaceChildren(...s.batches.map((b) => card('batch-' + b.gtin + '-' + b.lot, b.batch,
    [['Rate', kg(b.ratePerHour) + ' kgCO2e/h'], ['So far', kg(b.cumulative) + ' kgCO2e'],
      ['Projected', kg(b.projectedPerUnit) + ' kgCO2e/' + b.unit], ['Target', kg(b.targetPerUnit) + ' kgCO2e/' + b.unit],
      ['Planned end', b.plannedEnd]],
    remember('batch-' + b.gtin + '-' + b.lot, t, Number(b.projectedPerUnit)), Number(b.targetPerUnit), b.overTarget)));
  const shown = new Set();
  for (const a of s.alerts) {
    upsertAlert(a);
    shown.add(String(a.id));
  }
  for (const li of [...$('alerts').children]) {
    if (!shown.has(li.dataset.id)) {
      li.remove();
    }
  }
}

function upsertAlert(a) {
  const id = String(a.id);
  let li = $('alerts').querySelector(`li[data-id="${id}"]`);
  if (a.state === 'CLEARED') {
    if (li) {
      li.remove();
    }
    return;
  }
  // Each snapshot repeats the alerts: an unchanged one keeps its elements, so a click on its button is not lost.
  const signature = a.state + ' ' + (a.acknowledgedAt || '');
  if (li && li.dataset.signature === signature) {
    return;
  }
  if (!li) {
    li = document.createElement('li');
    li.dataset.id = id;
    $('alerts').prepend(li);
  }
  li.dataset.signature = signature;
  li.className = 'alert ' + a.severity + ' ' + a.state;
  const message = document.createElement('span');
  message.className = 'message';
  message.textContent = a.severity + ': ' + a.message;
  const state = document.createElement('span');
  state.className = 'state';
  state.textContent = a.state === 'ACKNOWLEDGED'
    ? 'acknowledged by ' + a.acknowledgedBy + ' at ' + a.acknowledgedAt : 'raised at ' + a.raisedAt;
  li.replaceChildren(message, state);
  if (a.state === 'OPEN') {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'ack';
    button.textContent = 'Acknowledge';
    button.addEventListener('click', () => acknowledge(id, button));
    li.appendChild(button);
  }
}

async function acknowledge(id, button) {
  button.disabled = true;
  $('ack-error').textContent = '';
  const response = await fetch(`/api/v1/plant/alerts/${id}/acknowledge`, {method: 'POST',
    headers: {Authorization: 'Bearer ' + token()}});
  if (response.ok) {
    upsertAlert(await response.json());
    return;
  }
  if (response.status === 401) {
    showLogin('Your session ended: sign in again.');
    return;
  }
  button.disabled = false;
  $('ack-error').textContent = response.status === 403
    ? 'Acknowledging needs the operator role.' : 'Acknowledging failed: HTTP ' + response.status;
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => showLogin(''));
  if (token()) {
    start();
  } else {
    showLogin('');
  }
});
