/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { CUSTOMERS, customerSnapshot, expectCustomerUnchanged, getCustomer, newCustomer, newCustomFieldConfig, putCustomer } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newAdmin, newCompany } from './helpers/tokens';

/** Per-company custom field configs and the values checked against them (seed 003, API.md §4). */

const CONFIGS = `${CUSTOMERS}/custom-fields`;

describe('Customer custom fields (seed 003)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const postConfig = (token: string, payload: Record<string, unknown>, query = '') =>
    app.inject({ method: 'POST', url: `${CONFIGS}${query}`, headers: bearer(token), payload });
  const listConfigs = (token: string, query = '') => app.inject({ method: 'GET', url: `${CONFIGS}${query}`, headers: bearer(token) });

  describe('configs: POST and GET /customers/custom-fields', () => {
    it('an admin defines a config (201) with every seed 003 property, and lists the company’s configs in order', async () => {
      const { token } = newAdmin();
      const response = await postConfig(token, {
        name: 'Number of persons',
        description: 'For how many persons is this booking?',
        dataType: 'Number',
        isMandatory: true,
        mandatoryErrorMessage: 'Please enter the number of persons',
        maxLength: 3,
        regEx: '^[1-9][0-9]*$',
        regExErrorMessage: 'A whole number, please',
        defaultValue: '2',
      });
      expect(response.statusCode).toBe(201);
      const config = response.json();
      expect(config).toEqual({
        id: expect.any(Number),
        name: 'Number of persons',
        description: 'For how many persons is this booking?',
        dataType: 'Number',
        isMandatory: true,
        mandatoryErrorMessage: 'Please enter the number of persons',
        maxLength: 3,
        regEx: '^[1-9][0-9]*$',
        regExErrorMessage: 'A whole number, please',
        defaultValue: '2',
        values: [],
      });
      const second = await newCustomFieldConfig(app, token, { name: 'Size', dataType: 'DropDown', values: [{ value: 'S' }, { value: 'M' }] });

      const listed = await listConfigs(token);
      expect(listed.statusCode).toBe(200);
      expect(listed.json()).toEqual([config, second]);
      // Another company sees none of them.
      expect((await listConfigs(actorToken('admin', newCompany()))).json()).toEqual([]);
    });

    it('existing customers show a new config in customFieldValues with value null', async () => {
      const { token } = newAdmin();
      const { id } = await newCustomer(app, token);
      const config = await newCustomFieldConfig(app, token, { name: 'Badge' });
      expect((await getCustomer(app, token, id)).json().customFieldValues).toEqual([
        { id: config.id, name: 'Badge', dataType: 'TextBox', value: null },
      ]);
    });

    it('a user may neither define nor list configs (403); an admin without customers:write may not define them', async () => {
      const { company, token } = newAdmin();
      await newCustomFieldConfig(app, token, { name: 'Existing' });
      const user = actorToken('user', company);
      expect((await postConfig(user, { name: 'Mine', dataType: 'TextBox' })).statusCode).toBe(403);
      expect((await listConfigs(user)).statusCode).toBe(403);
      expect((await postConfig(actorToken('admin', company, 'customers:read'), { name: 'RO', dataType: 'TextBox' })).statusCode).toBe(403);
      expect((await listConfigs(token)).json().map((c: any) => c.name)).toEqual(['Existing']);
    });

    it('a superadmin names the company; an admin naming another company gets 404', async () => {
      const company = newCompany();
      const superadmin = actorToken('superadmin', newCompany());
      expect((await postConfig(superadmin, { name: 'X', dataType: 'TextBox' })).statusCode).toBe(400);
      expect((await postConfig(superadmin, { name: 'X', dataType: 'TextBox' }, `?companyId=${company}`)).statusCode).toBe(201);
      expect((await listConfigs(actorToken('admin', company))).json().map((c: any) => c.name)).toEqual(['X']);
      expect((await listConfigs(actorToken('admin', newCompany()), `?companyId=${company}`)).statusCode).toBe(404);
    });

    it.each([
      ['nested quantifiers', '^(a+)+$'],
      ['overlapping nested quantifiers', '(x+x+)+y'],
      ['a starred group of a plus', '^([a-z]+)*@'],
      ['a repeated alternation of equal branches', '^(a|a)+$'],
      ['a repeated alternation of overlapping classes', '^([a-z]|[a-z0-9])+$'],
      ['a repeated alternation of overlapping words', '^(\\w|\\d)+!$'],
      ['a repeated alternation whose branches overlap only in sequence', '^(a|b|ab)*c$'],
      ['a backreference to a group that matches in several ways', '^(a+)\\1$'],
      ['an invalid pattern', '(unclosed'],
      ['an invalid class', '[z-a]'],
    ])('refuses a regEx with %s (422 at /regEx) and creates nothing', async (_case, regEx) => {
      const { token } = newAdmin();
      const response = await postConfig(token, { name: 'Code', dataType: 'TextBox', regEx });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([{ pointer: '/regEx', detail: expect.any(String) }]);
      expect((await listConfigs(token)).json()).toEqual([]);
    });

    it.each(['^[0-9]{6}$', '^\\S+@\\S+$', '^[A-Z]{2}\\d{2}[A-Z0-9]{1,30}$'])('accepts the everyday regEx %s (201)', async (regEx) => {
      const { token } = newAdmin();
      const response = await postConfig(token, { name: 'Code', dataType: 'TextBox', regEx });
      expect(response.statusCode).toBe(201);
      expect(response.json().regEx).toBe(regEx);
    });

    it.each(['__proto__', 'constructor', 'prototype'])('refuses a config body with a %s member (400 naming it) and creates nothing', async (key) => {
      const { token } = newAdmin();
      for (const payload of [
        `{"name":"Code","dataType":"TextBox","${key}":{"isMandatory":true}}`,
        `{"name":"Code","dataType":"DropDown","values":[{"value":"S","${key}":{}}]}`,
      ]) {
        const response = await app.inject({
          method: 'POST',
          url: CONFIGS,
          headers: { ...bearer(token), 'content-type': 'application/json' },
          payload,
        });
        expect(response.statusCode).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().errors).toEqual([{ pointer: expect.stringMatching(new RegExp(`/${key}$`)), detail: expect.stringContaining(key) }]);
      }
      expect((await listConfigs(token)).json()).toEqual([]);
    });

    it.each([
      ['a DropDown default that is not one of its values', { dataType: 'DropDown', values: [{ value: 'S' }], defaultValue: 'XL' }],
      ['a Number default that is no number', { dataType: 'Number', defaultValue: 'three' }],
      ['a Date default that is no date', { dataType: 'Date', defaultValue: '2023-02-29' }],
      ['a default longer than maxLength', { maxLength: 2, defaultValue: 'abc' }],
      ['a default not matching regEx', { regEx: '^\\d+$', regExErrorMessage: 'Digits only', defaultValue: 'x' }],
    ])('refuses %s (422 at /defaultValue) and creates nothing', async (_case, config) => {
      const { token } = newAdmin();
      const response = await postConfig(token, { name: 'Field', dataType: 'TextBox', ...config });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([{ pointer: '/defaultValue', detail: expect.any(String) }]);
      expect((await listConfigs(token)).json()).toEqual([]);
    });

    it('refuses a DropDown without values (422) and an unknown dataType or missing name (400)', async () => {
      const { token } = newAdmin();
      const dropDown = await postConfig(token, { name: 'Size', dataType: 'DropDown' });
      expect(dropDown.statusCode).toBe(422);
      expect(dropDown.json().errors).toEqual([{ pointer: '/values', detail: expect.any(String) }]);
      const badType = await postConfig(token, { name: 'Colour', dataType: 'ColorPicker' });
      expect(badType.statusCode).toBe(400);
      expect(badType.json().errors.map((e: any) => e.pointer)).toContain('/dataType');
      const nul = await postConfig(token, { name: 'Size\u0000', dataType: 'DropDown', values: [{ value: '\ud800' }] });
      expect(nul.statusCode).toBe(400);
      expect(nul.json().errors.map((e: any) => e.pointer).sort()).toEqual(['/name', '/values/0/value']);
      const noName = await postConfig(token, { dataType: 'TextBox' });
      expect(noName.statusCode).toBe(400);
      expect(noName.json().errors.map((e: any) => e.pointer)).toContain('/name');
      expect((await listConfigs(token)).json()).toEqual([]);
    });
  });

  describe('values set with PUT CustomFields [{Id, Value}]', () => {
    /** A company with one config and one customer; `put(value)` sets that config's value. */
    async function withConfig(config: Record<string, unknown>) {
      const { company, token } = newAdmin();
      const created = await newCustomFieldConfig(app, token, config);
      const customer = await newCustomer(app, token);
      const put = (value: unknown, extra: Array<Record<string, unknown>> = []) =>
        putCustomer(app, token, customer.id, { CustomFields: [{ Id: created.id, Value: value }, ...extra] });
      return { company, token, config: created, id: customer.id as string, put };
    }

    /** `ok` values are stored and shown; each `bad` value is 422 at /customFields/0/value (with `detail` when given), nothing stored. */
    async function expectRule(
      config: Record<string, unknown>,
      ok: string[],
      bad: string[],
      detail: string | RegExp = /./,
    ): Promise<void> {
      const context = await withConfig(config);
      for (const value of ok) {
        const response = await context.put(value);
        expect(response.statusCode).toBe(200);
        expect(response.json().customFieldValues).toEqual([
          { id: context.config.id, name: context.config.name, dataType: context.config.dataType, value },
        ]);
      }
      const before = await customerSnapshot(app, context.token, context.id);
      for (const value of bad) {
        const response = await context.put(value);
        expect(response.statusCode).toBe(422);
        expect(response.json().errors).toEqual([
          { pointer: '/customFields/0/value', detail: typeof detail === 'string' ? detail : expect.stringMatching(detail) },
        ]);
      }
      await expectCustomerUnchanged(app, context.token, before);
    }

    it('TextBox: maxLength is checked at its boundary', () =>
      expectRule({ name: 'Badge', maxLength: 5 }, ['abcde', ''], ['abcdef']));

    it('TextBox without maxLength: at most 1000 characters', () => expectRule({ name: 'Memo' }, ['m'.repeat(1000)], ['m'.repeat(1001)]));

    it('regEx: a non-matching value is 422 with the config’s regExErrorMessage', () =>
      expectRule(
        { name: 'Member code', regEx: '^[A-Z]{3}-\\d{3}$', regExErrorMessage: 'Use the form ABC-123' },
        ['ABC-123'],
        ['abc-123', 'ABC-1234', 'ABC 123'],
        'Use the form ABC-123',
      ));

    it('regEx without a message: 422 with a default message naming the field', () =>
      expectRule({ name: 'Zip', regEx: '^\\d{5}$' }, ['00100'], ['0010'], /Zip/));

    it('DropDown: the value must be one of its values (exactly)', () =>
      expectRule({ name: 'Size', dataType: 'DropDown', values: [{ value: 'S' }, { value: 'M' }] }, ['S', 'M'], ['XL', 's', 'S ']));

    it('Number: must parse as a number', () => expectRule({ name: 'Persons', dataType: 'Number' }, ['3', '-2', '12.5'], ['abc', '1,5', '12.', '1e3']));

    it('Date: must be a real calendar date YYYY-MM-DD', () =>
      expectRule({ name: 'Visit', dataType: 'Date' }, ['2024-02-29'], ['2023-02-29', '29.02.2024', '2024-2-1']));

    it('CheckBox: true or false', () => expectRule({ name: 'Pets', dataType: 'CheckBox' }, ['true', 'false'], ['yes', '1']));

    it('mandatory: an empty or null value is 422 with the config’s mandatoryErrorMessage', async () => {
      const context = await withConfig({ name: 'Persons', dataType: 'Number', isMandatory: true, mandatoryErrorMessage: 'Please enter the number of persons' });
      const before = await customerSnapshot(app, context.token, context.id);
      for (const value of ['', null]) {
        const response = await context.put(value);
        expect(response.statusCode).toBe(422);
        expect(response.json().errors).toEqual([{ pointer: '/customFields/0/value', detail: 'Please enter the number of persons' }]);
      }
      await expectCustomerUnchanged(app, context.token, before);
      expect((await context.put('4')).statusCode).toBe(200);
    });

    it('mandatory: writing other custom fields while the mandatory one has no value is 422 with its message', async () => {
      const context = await withConfig({ name: 'Persons', isMandatory: true, mandatoryErrorMessage: 'Please enter the number of persons' });
      const other = await newCustomFieldConfig(app, context.token, { name: 'Memo' });
      const before = await customerSnapshot(app, context.token, context.id);
      const response = await putCustomer(app, context.token, context.id, { CustomFields: [{ Id: other.id, Value: 'x' }] });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([{ pointer: '/customFields', detail: 'Please enter the number of persons' }]);
      await expectCustomerUnchanged(app, context.token, before);

      // Once it holds a value, the other field may be written alone.
      expect((await context.put('2')).statusCode).toBe(200);
      const alone = await putCustomer(app, context.token, context.id, { CustomFields: [{ Id: other.id, Value: 'x' }] });
      expect(alone.statusCode).toBe(200);
      expect(alone.json().customFieldValues.map((v: any) => v.value)).toEqual(['2', 'x']);
    });

    it('a non-mandatory value is cleared with null; values of other configs stay', async () => {
      const context = await withConfig({ name: 'Memo' });
      const other = await newCustomFieldConfig(app, context.token, { name: 'Badge' });
      await context.put('first', [{ Id: other.id, Value: 'B-1' }]);
      const cleared = await context.put(null);
      expect(cleared.statusCode).toBe(200);
      expect(cleared.json().customFieldValues).toEqual([
        { id: context.config.id, name: 'Memo', dataType: 'TextBox', value: null },
        { id: other.id, name: 'Badge', dataType: 'TextBox', value: 'B-1' },
      ]);
    });

    it('a config id of another company, or of none, is 422 at /customFields/n/id and nothing is stored', async () => {
      const context = await withConfig({ name: 'Memo' });
      const foreign = await newCustomFieldConfig(app, actorToken('admin', newCompany()), { name: 'Foreign' });
      const before = await customerSnapshot(app, context.token, context.id);
      for (const id of [foreign.id, 2_000_000_000]) {
        const response = await context.put('ok', [{ Id: id, Value: 'x' }]);
        expect(response.statusCode).toBe(422);
        expect(response.json().errors).toEqual([{ pointer: '/customFields/1/id', detail: expect.any(String) }]);
      }
      await expectCustomerUnchanged(app, context.token, before);
      // The foreign company's customers never see this value either.
      expect((await listConfigs(context.token)).json().map((c: any) => c.id)).not.toContain(foreign.id);
    });

    it('a value with a NUL character is 422 at its pointer, never 500', async () => {
      const context = await withConfig({ name: 'Memo' });
      const response = await context.put('a\u0000b');
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([{ pointer: '/customFields/0/value', detail: expect.any(String) }]);
    });

    it('reports every bad value at once, and a value that is not a string is 422', async () => {
      const context = await withConfig({ name: 'Visit', dataType: 'Date' });
      const pets = await newCustomFieldConfig(app, context.token, { name: 'Pets', dataType: 'CheckBox' });
      const response = await context.put('tomorrow', [{ Id: pets.id, Value: 'maybe' }]);
      expect(response.statusCode).toBe(422);
      expect(response.json().errors.map((e: any) => e.pointer)).toEqual(['/customFields/0/value', '/customFields/1/value']);
      const notString = await context.put(3);
      expect(notString.statusCode).toBe(422);
      expect(notString.json().errors[0].pointer).toBe('/customFields/0/value');
    });

    it('a catastrophic regex stored before the check existed cannot stall the service: its value is 422 in bounded time', async () => {
      const context = await withConfig({ name: 'Code' });
      // As if the config had been made by an older version: written straight to the table.
      await app.get(DataSource).query('UPDATE custom_field_configs SET reg_ex = $1 WHERE company_id = $2 AND id = $3', [
        '^(a|a)+$',
        context.company,
        context.config.id,
      ]);
      const before = await customerSnapshot(app, context.token, context.id);
      const started = Date.now();
      const [stalled, health] = await Promise.all([context.put(`${'a'.repeat(40)}!`), app.inject({ method: 'GET', url: '/health' })]);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(health.statusCode).toBe(200);
      expect(stalled.statusCode).toBe(422);
      expect(stalled.json().errors).toEqual([{ pointer: '/customFields/0/value', detail: expect.any(String) }]);
      await expectCustomerUnchanged(app, context.token, before);
      // Ordinary values still match quickly.
      expect((await context.put('aaaa')).statusCode).toBe(200);
    });

    it('a config named twice in one body is 422 at the second entry, and nothing is stored', async () => {
      const context = await withConfig({ name: 'Memo' });
      const before = await customerSnapshot(app, context.token, context.id);
      const response = await context.put('one', [{ Id: context.config.id, Value: 'two' }]);
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([{ pointer: '/customFields/1/id', detail: expect.any(String) }]);
      await expectCustomerUnchanged(app, context.token, before);
    });

    it('customFieldValues is read-only on PATCH (400)', async () => {
      const context = await withConfig({ name: 'Memo' });
      const response = await app.inject({
        method: 'PATCH',
        url: `${CUSTOMERS}/${context.id}`,
        headers: { ...bearer(context.token), 'content-type': 'application/merge-patch+json' },
        payload: JSON.stringify({ customFieldValues: [{ id: context.config.id, name: 'Memo', dataType: 'TextBox', value: 'sneaky' }] }),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].pointer).toMatch(/^\/customFieldValues/);
    });
  });
});
