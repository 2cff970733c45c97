/**
 * Appointments (预约, SPEC §4) in the browser: the advisor books a slot from the calendar for the
 * demo car, finds the booking in the register and records the day-before reminder.
 */
import type { Journey } from './journeys';
import { chineseScreenProblems } from './expectations';
import { check, confirmDialog, expectHidden, expectVisible, loginAs, openPage, shot, type Session } from './harness';

function drawer(s: Session) {
  return s.page.locator('.ant-drawer-content-wrapper:visible');
}

function storeDay(offset: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

async function assertChineseScreen(s: Session, where: string): Promise<void> {
  const problems = chineseScreenProblems(await s.page.locator('body').innerText());
  check(problems.length === 0, `${where} shows ${problems.join(', ')}`);
}

export const appointmentJourneys: Journey[] = [
  {
    name: '预约: the advisor books 张三’s car from the calendar, finds it in the register and marks the reminder',
    run: async (s) => {
      await loginAs(s, 'advisor');
      const day = storeDay(1);
      await openPage(s, `/appointment-calendar?date=${day}`);
      await expectVisible(s.page.locator('.ac-grid'), 'the slot grid of tomorrow');
      await assertChineseScreen(s, 'the appointment calendar');
      await shot(s.page, 'appointments-01-calendar-day');

      // A free place: the drawer opens with the day, bay type and time already chosen.
      const free = s.page.locator('td.ac-bookable').first();
      await expectVisible(free, 'a free place in the calendar');
      await free.click();
      await expectVisible(drawer(s).getByText('新建预约'), 'the appointment form');
      const finder = drawer(s).getByRole('combobox', { name: '输入车牌、手机号或姓名查找车辆' });
      await finder.click();
      await finder.pressSequentially('a12345', { delay: 30 });
      const option = s.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '川A·12345' }).first();
      await expectVisible(option, 'the demo car among the search results');
      await option.click();
      // The contact comes from the car's owner: nothing retyped.
      await expect(async () => check((await drawer(s).locator('#contactName').inputValue()) === '张三', 'the contact filled from the owner'));
      await drawer(s).locator('#requestedWork').fill('5000 公里保养，检查左前轮异响');
      await assertChineseScreen(s, 'the appointment form');
      await shot(s.page, 'appointments-02-form');
      await drawer(s).getByRole('button', { name: '保存' }).click();
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已创建' }), 'the created message');
      await expectHidden(drawer(s), 'the closed form');
      const booking = s.page.locator('.ac-booking').filter({ hasText: '川A·12345' });
      await expectVisible(booking.first(), 'the booking in its slot');
      await shot(s.page, 'appointments-03-calendar-booked');

      // The week view shows the same place taken.
      await s.page.getByText('周视图').click();
      await expectVisible(s.page.locator('.ac-week'), 'the week view');
      await shot(s.page, 'appointments-04-calendar-week');

      // The register: the booking, not yet reminded; the reminder is confirmed first.
      await openPage(s, `/appointments?from=${day}&to=${day}`);
      const row = s.page.locator('.ant-table-row').filter({ hasText: '川A·12345' }).filter({ hasText: '已预约' }).first();
      await expectVisible(row, 'the booking in the register');
      await expectVisible(row.getByText('未提醒'), 'the booking not yet reminded');
      await assertChineseScreen(s, 'the appointment register');
      await shot(s.page, 'appointments-05-register');
      await row.getByRole('button', { name: /已提醒/ }).click();
      await confirmDialog(s.page, '已提醒');
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已记录提醒' }), 'the reminder message');
      await expectHidden(row.getByText('未提醒'), 'the "not reminded" mark');
      await shot(s.page, 'appointments-06-reminded');

      // The form opens from the row, with its number and status.
      await row.click();
      await expectVisible(drawer(s).getByText(/维修预约单 YY\d{8}-\d{4}/), 'the appointment form with its number');
      await shot(s.page, 'appointments-07-form-open');
    },
  },
];

/** Retries a check for a few seconds (the form fills after the vehicle is read). */
async function expect(fn: () => Promise<void>, timeout = 10_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      await fn();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
