import { checkDestination, DestinationRefused, isBlockedAddress } from './destination-guard';

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::7f00:1',
  ])('refuses %s', (address) => expect(isBlockedAddress(address)).toBe(true));

  it.each(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '::ffff:93.184.215.14'])('allows the public address %s', (address) =>
    expect(isBlockedAddress(address)).toBe(false),
  );
});

describe('checkDestination', () => {
  const strict = { allowHttp: false, allowPrivate: false };

  it.each([
    ['http://93.184.215.14/hook', /https/],
    ['https://user:pw@93.184.215.14/hook', /credentials/],
    ['https://metadata.google.internal/computeMetadata/v1/', /metadata/],
    ['https://0x7f.1/hook', /loopback/],
    ['https://2130706433/hook', /loopback/],
    ['https://[::ffff:127.0.0.1]/hook', /loopback/],
    ['https://localhost/hook', /loopback/],
    ['not a url', /absolute/],
  ])('refuses %s', async (url, reason) => {
    await expect(checkDestination(url, strict)).rejects.toThrow(DestinationRefused);
    await expect(checkDestination(url, strict)).rejects.toThrow(reason);
  });

  it('accepts a public https address, and http and private ones only when allowed', async () => {
    await expect(checkDestination('https://93.184.215.14/hook', strict)).resolves.toBeInstanceOf(URL);
    await expect(checkDestination('http://127.0.0.1:4800/hook', { allowHttp: true, allowPrivate: true })).resolves.toBeInstanceOf(URL);
  });
});
