// Every zod message not written by hand comes out in Chinese, on the server and in the browser.
import { z } from 'zod';

z.config(z.locales.zhCN());
