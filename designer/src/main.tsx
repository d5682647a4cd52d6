import { createRoot } from 'react-dom/client';
// antd's prebuilt stylesheets (its page reset, then the components): with zeroRuntime (App.tsx)
// components skip generating styles at run time, which was most of the cost of a big form.
import 'antd/dist/reset.css';
import 'antd/dist/antd.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<App />);
