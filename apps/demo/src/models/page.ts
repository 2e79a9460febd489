import '../shared/style.css';
