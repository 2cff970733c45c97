import { CarOutlined, LoadingOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input, type InputRef } from 'antd';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { SearchResponse, SearchResult } from '#contracts/customers-tools';
import { useCan } from '../../app/auth';
import { api } from '../../lib/api';
import { useT, type Dict } from '../../lib/i18n';
import { splitMatch } from './highlight';
import './search.css';

const TEXT = {
  placeholder: { zh: '车牌 / VIN / 手机 / 姓名', en: 'Plate, VIN, phone, name' },
  label: { zh: '搜索车辆或客户', en: 'Find a vehicle or customer' },
  hintTitle: { zh: '输入任意片段即可查找', en: 'Type any fragment' },
  hintPlate: { zh: '车牌：如 a123、川A123（大小写、有无“·”均可）', en: 'Plate: e.g. a123 (any case, dot optional)' },
  hintVin: { zh: 'VIN：车架号后 6 位', en: 'VIN: the last 6 characters' },
  hintPhone: { zh: '手机：4 位以上数字', en: 'Phone: 4 or more digits' },
  hintName: { zh: '姓名：汉字或拼音首字母，如 zs → 张三', en: 'Name: characters or pinyin initials, e.g. zs → 张三' },
  keys: { zh: '/ 或 Ctrl+K 打开搜索 · ↑↓ 选择 · Enter 打开 · Esc 关闭', en: '/ or Ctrl+K to search · ↑↓ to pick · Enter to open · Esc to close' },
  searching: { zh: '正在搜索…', en: 'Searching…' },
  none: { zh: '没有找到“{q}”', en: 'Nothing found for “{q}”' },
  noneHint: { zh: '请检查输入，或到客户档案新建', en: 'Check the input, or create a new file' },
  newCustomer: { zh: '新建客户档案', en: 'New customer file' },
  vehicle: { zh: '车辆', en: 'Vehicle' },
  customer: { zh: '客户', en: 'Customer' },
  via_owner: { zh: '车主', en: 'Owner' },
  via_driver: { zh: '使用人', en: 'Driver' },
  field_plate: { zh: '车牌', en: 'Plate' },
  field_vin: { zh: 'VIN', en: 'VIN' },
  field_mobile: { zh: '手机', en: 'Mobile' },
  field_phone: { zh: '电话', en: 'Phone' },
  field_name: { zh: '姓名', en: 'Name' },
  field_pinyin: { zh: '拼音首字母', en: 'Pinyin initials' },
  failed: { zh: '搜索失败：{message}', en: 'Search failed: {message}' },
  receive: { zh: '接车', en: 'Receive' },
  receiveLabel: { zh: '接车：{title}', en: 'Receive {title}' },
} satisfies Dict;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

/** The focus is in something the user types into: `/` is then a character, not a shortcut. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function Highlighted({ text, query }: { text: string; query: string }): ReactNode {
  const parts = splitMatch(text, query);
  if (!parts) return text;
  return (
    <>
      {parts[0]}
      <mark className="hs-mark">{parts[1]}</mark>
      {parts[2]}
    </>
  );
}

/**
 * The one search box of the header (SPEC §3): plate fragments in any case, VIN tails, 4+ phone
 * digits, names and pinyin initials. `/` or Ctrl+K focuses it from anywhere; results come ranked
 * from the server with what matched, ↑/↓ pick, Enter opens the vehicle or customer, Esc closes.
 */
export function HeaderSearch() {
  const t = useT(TEXT);
  const can = useCan();
  const navigate = useNavigate();
  const listId = useId();
  const input = useRef<InputRef>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  // The highlighted result, for the answer it was chosen in: a new answer starts at the first.
  const [cursor, setCursor] = useState<{ q: string; i: number }>({ q: '', i: 0 });
  const q = useDebounced(text.trim(), 200);
  const typed = text.trim();
  const query = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api.get<SearchResponse>('/api/search', { q, limit: 10 }, signal),
    enabled: q.length > 0,
    staleTime: 15_000,
    placeholderData: keepPreviousData,
  });
  const items = typed && query.data && query.data.q === q ? query.data.items : [];
  const answerQ = query.data?.q ?? '';
  const active = cursor.q === answerQ ? Math.min(cursor.i, Math.max(0, items.length - 1)) : 0;
  const setActive = (f: number | ((i: number) => number)) => setCursor({ q: answerQ, i: typeof f === 'function' ? f(active) : f });
  const settled = typed === q && !query.isFetching;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingIn(e.target);
      if ((!ctrlK && !slash) || !input.current) return;
      e.preventDefault();
      input.current?.focus({ cursor: 'all' });
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const go = (r: SearchResult) => {
    setOpen(false);
    setText('');
    input.current?.blur();
    navigate(r.type === 'vehicle' ? `/vehicles/${r.id}` : `/customers/${r.id}`);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (items.length) setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % items.length : (i - 1 + items.length) % items.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const r = items[active] ?? items[0];
      if (r && settled) go(r);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (open && typed) setOpen(false);
      else {
        setOpen(false);
        input.current?.blur();
      }
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  if (!can('customer:read')) return null;

  const matchLabel = (r: SearchResult) => {
    const field = t(`field_${r.matched.field}`);
    return r.matched.via ? `${t(`via_${r.matched.via}`)}${field}` : field;
  };

  let panel: ReactNode;
  if (!typed) {
    panel = (
      <div className="hs-hint">
        <div className="hs-hint-title">{t('hintTitle')}</div>
        <ul>
          <li>{t('hintPlate')}</li>
          <li>{t('hintVin')}</li>
          <li>{t('hintPhone')}</li>
          <li>{t('hintName')}</li>
        </ul>
        <div className="hs-keys">{t('keys')}</div>
      </div>
    );
  } else if (query.isError && !query.data) {
    panel = <div className="hs-empty">{t('failed', { message: query.error.message })}</div>;
  } else if (items.length === 0) {
    panel = settled ? (
      <div className="hs-empty" data-testid="search-empty">
        <div>{t('none', { q: typed })}</div>
        <div className="hs-empty-hint">
          {t('noneHint')}
          {can('customer:write') ? (
            <>
              {' · '}
              <a
                href="/customers?open=new"
                onMouseDown={(e) => e.preventDefault()}
                onClick={(e) => {
                  e.preventDefault();
                  setOpen(false);
                  navigate('/customers?open=new');
                }}
              >
                {t('newCustomer')}
              </a>
            </>
          ) : null}
        </div>
      </div>
    ) : (
      <div className="hs-empty">
        <LoadingOutlined /> {t('searching')}
      </div>
    );
  } else {
    panel = (
      <ul className="hs-list" role="listbox" id={listId} aria-label={t('label')}>
        {items.map((r, i) => (
          <li
            key={`${r.type}:${r.id}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={`hs-item${i === active ? ' active' : ''}`}
            data-testid="search-result"
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => go(r)}
          >
            <span className={`hs-icon ${r.type}`}>{r.type === 'vehicle' ? <CarOutlined /> : <UserOutlined />}</span>
            <span className="hs-text">
              <span className="hs-title">
                <Highlighted text={r.title} query={typed} />
              </span>
              <span className="hs-sub">{r.subtitle ? <Highlighted text={r.subtitle} query={typed} /> : r.type === 'vehicle' ? t('vehicle') : t('customer')}</span>
            </span>
            <span className="hs-match">{matchLabel(r)}</span>
            {r.type === 'vehicle' && can('repair_order:write') ? (
              <button
                type="button"
                className="hs-action"
                aria-label={t('receiveLabel', { title: r.title })}
                data-testid="search-receive"
                onClick={(e) => {
                  // Reception of this car instead of its file.
                  e.stopPropagation();
                  setOpen(false);
                  setText('');
                  input.current?.blur();
                  navigate(`/reception?vehicleId=${r.id}`);
                }}
              >
                {t('receive')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className="header-search" data-testid="header-search">
      <Input
        ref={input}
        value={text}
        allowClear
        placeholder={t('placeholder')}
        aria-label={t('label')}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && items.length ? `${listId}-${active}` : undefined}
        prefix={query.isFetching && typed ? <LoadingOutlined /> : <SearchOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />}
        suffix={text ? null : <kbd className="hs-kbd">/</kbd>}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      {open ? (
        <div className="hs-panel" data-testid="search-panel">
          {panel}
        </div>
      ) : null}
    </div>
  );
}
