import './shared/style.css';
import { registerOfflineSupport } from './offline/register';

registerOfflineSupport();
