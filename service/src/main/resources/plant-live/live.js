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

// English first; Chinese for the plants' energy managers. Alert messages come from the service, in English.
const MESSAGES = {
  en: {},
  zh: {
    title: '实时工厂 · Carbon Ledger', heading: '实时工厂', signOut: '退出', signIn: '登录',
    signInHelp: '使用本组织的 OAuth 客户端登录（只读角色可查看，操作员角色可确认告警）。',
    clientId: '客户端 ID', clientSecret: '客户端密钥', connecting: '正在连接…', live: '实时',
    alerts: '告警', batches: '进行中的批次', lines: '生产线', devices: '设备',
    projectionNote: '按计划结束时的单位产品预计碳足迹：（目前的二氧化碳当量 + 当前速率 × 剩余时间）÷ 计划产量。虚线为目标。',
    signedInAs: '已登录：', rate: '速率', today: '今日', soFar: '累计', projected: '预计', target: '目标',
    plannedEnd: '计划结束', line: '生产线', lastReading: '最近读数', acknowledge: '确认',
    raisedAt: '发出于 ', acknowledgedBy: '确认人：', at: '，时间：',
    refused: '登录被拒绝：请检查客户端 ID 和密钥。', ended: '会话已结束：请重新登录。',
    needsOperator: '确认告警需要操作员角色。', ackFailed: '确认失败：HTTP ', reconnecting: '正在重新连接…',
  },
};
const EN = {
  signedInAs: 'Signed in as ', rate: 'Rate', today: 'Today', soFar: 'So far', projected: 'Projected',
  target: 'Target', plannedEnd: 'Planned end', line: 'Line', lastReading: 'Last reading', acknowledge: 'Acknowledge',
  raisedAt: 'raised at ', acknowledgedBy: 'acknowledged by ', at: ' at ', live: 'Live',
  refused: 'Sign-in refused: check the client id and secret.', ended: 'Your session ended: sign in again.',
  needsOperator: 'Acknowledging needs the operator role.', ackFailed: 'Acknowledging failed: HTTP ',
  reconnecting: 'Reconnecting…',
};
const LANG = (() => {
  const asked = new URLSearchParams(location.search).get('lang') || localStorage.getItem('carbonledger.lang')
    || navigator.language || 'en';
  return asked.toLowerCase().startsWith('zh') ? 'zh' : 'en';
})();
const t = (key) => MESSAGES[LANG][key] || EN[key] || key;

function translatePage() {
  localStorage.setItem('carbonledger.lang', LANG);
  document.documentElement.lang = LANG === 'zh' ? 'zh-Hans' : 'en';
  if (LANG !== 'en') {
    for (const e of document.querySelectorAll('[data-i18n]')) {
      e.textContent = t(e.dataset.i18n);
    }
  }
}

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
    showLogin(t('refused'));
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
  $('signed-in').textContent = t('signedInAs') + (sessionStorage.getItem(CLIENT_KEY) || '?');
  follow();
}

async function follow() {
  const controller = new AbortController();
  stream = controller;
  try {
    const response = await fetch('/api/v1/plant/live/events', {signal: controller.signal,
      headers: {Authorization: 'Bearer ' + token(), Accept: 'text/event-stream'}});
    if (response.status === 401 || response.status === 403) {
      showLogin(t('ended'));
      return;
    }
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    $('status').textContent = t('live');
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
    $('status').textContent = t('reconnecting');
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

function remember(id, at, v) {
  const points = history.get(id) || [];
  points.push({at, v});
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
  const at = s.at;
  $('devices').replaceChildren(...s.devices.map((d) => card('device-' + d.deviceId, d.deviceId,
    [[t('line'), d.line], [t('rate'), kg(d.ratePerHour) + ' kgCO2e/h'],
      [t('today'), kg(d.cumulativeToday) + ' kgCO2e'], [t('lastReading'), d.lastReadingAt || '—']],
    remember('device-' + d.deviceId, at, Number(d.ratePerHour)))));
  $('lines').replaceChildren(...s.lines.map((l) => card('line-' + l.line, l.line,
    [[t('rate'), kg(l.ratePerHour) + ' kgCO2e/h'], [t('today'), kg(l.cumulativeToday) + ' kgCO2e']],
    remember('line-' + l.line, at, Number(l.ratePerHour)))));
  $('batches').replaceChildren(...s.batches.map((b) => card('batch-' + b.gtin + '-' + b.lot, b.batch,
    [[t('rate'), kg(b.ratePerHour) + ' kgCO2e/h'], [t('soFar'), kg(b.cumulative) + ' kgCO2e'],
      [t('projected'), kg(b.projectedPerUnit) + ' kgCO2e/' + b.unit],
      [t('target'), kg(b.targetPerUnit) + ' kgCO2e/' + b.unit], [t('plannedEnd'), b.plannedEnd]],
    remember('batch-' + b.gtin + '-' + b.lot, at, Number(b.projectedPerUnit)), Number(b.targetPerUnit), b.overTarget)));
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
    ? t('acknowledgedBy') + a.acknowledgedBy + t('at') + a.acknowledgedAt : t('raisedAt') + a.raisedAt;
  li.replaceChildren(message, state);
  if (a.state === 'OPEN') {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'ack';
    button.textContent = t('acknowledge');
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
    showLogin(t('ended'));
    return;
  }
  button.disabled = false;
  $('ack-error').textContent = response.status === 403 ? t('needsOperator') : t('ackFailed') + response.status;
}

document.addEventListener('DOMContentLoaded', () => {
  translatePage();
  $('login-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => showLogin(''));
  if (token()) {
    start();
  } else {
    showLogin('');
  }
});
