/**
 * Complaints, the letters register and the score trend (issue 7, part 2): the list pages the
 * supervisor and the agents open all day, measured by `npm run bench` (imported by run.ts).
 */
import { ComplaintListQuerySchema, ComplaintPeriodQuerySchema } from '#contracts/complaints';
import { MessageListQuerySchema } from '#contracts/outbox';
import { ScoreRangeQuerySchema } from '#contracts/satisfaction';
import { listComplaints, weeklyTable } from '../server/src/modules/complaints/complaints.service';
import { listMessages } from '../server/src/modules/outbox/outbox.service';
import { trend } from '../server/src/modules/satisfaction/satisfaction.service';
import { ENDPOINTS } from './endpoints';

const query = (url: URL) => Object.fromEntries(url.searchParams);

ENDPOINTS.push(
  {
    name: 'complaints.list',
    method: 'GET',
    path: () => ['/api/complaints?pageSize=20', '/api/complaints?open=true&pageSize=20', '/api/complaints?overdue=true&pageSize=20', '/api/complaints?category=quality&department=workshop&pageSize=20', '/api/complaints?q=%E5%BC%82%E5%93%8D&pageSize=20'],
    as: 'front_desk_supervisor',
    connections: 20,
    capture: (ctx, url) => listComplaints(ctx, ComplaintListQuerySchema.parse(query(url))),
    note: '5 queries in rotation: newest, open, overdue, category + department, text search',
  },
  {
    name: 'complaints.weekly',
    method: 'GET',
    path: '/api/complaints/weekly?from=2025-12-01&to=2026-11-29',
    as: 'front_desk_supervisor',
    connections: 10,
    capture: (ctx, url) => weeklyTable(ctx, ComplaintPeriodQuerySchema.parse(query(url))),
    note: 'a year of weeks × categories',
  },
  {
    name: 'messages.register',
    method: 'GET',
    path: () => ['/api/messages?pageSize=20', '/api/messages?sentOnly=true&channel=sms&pageSize=20', '/api/messages?state=failed&pageSize=20'],
    as: 'customer_service',
    connections: 20,
    capture: (ctx, url) => listMessages(ctx, MessageListQuerySchema.parse(query(url))),
    note: 'the letters register: newest, sent SMS, failed',
  },
  {
    name: 'satisfaction.trend',
    method: 'GET',
    path: '/api/satisfaction/trend?from=2024-12&to=2026-11',
    as: 'front_desk_supervisor',
    connections: 10,
    capture: (ctx, url) => trend(ctx, ScoreRangeQuerySchema.parse(query(url))),
    note: '24 months of CSS / MOT / PT',
  },
);
